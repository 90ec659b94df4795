import { Injectable } from '@nestjs/common';
import { InjectSupabaseClient } from 'nestjs-supabase-js';
import { InjectRepository } from '@nestjs/typeorm';

@Injectable()
export class PayoutsService {
  constructor(
    @InjectSupabaseClient() private readonly sb: any,
    @InjectRepository('payouts') private readonly repo: any,
  ) {}

  async cancel(id: string) {
    await this.sb.from('payouts').update({ cancelled: true }).eq('id', id); // expect: tenant-filter
  }

  async cancelRow(id: string) {
    await this.repo.from('payouts').update({ cancelled: true }).eq('id', id);
  }
}
